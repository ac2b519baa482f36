module.exports = {
  displayName: 'web-contracts',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/web/contracts',
};
