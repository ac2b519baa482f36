module.exports = {
  displayName: 'mobile-client',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/mobile/client',
};
