module.exports = {
  displayName: 'mobile-contracts',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/mobile/contracts',
};
