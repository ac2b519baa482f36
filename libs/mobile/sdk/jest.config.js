module.exports = {
  displayName: 'mobile-sdk',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/mobile/sdk',
};
