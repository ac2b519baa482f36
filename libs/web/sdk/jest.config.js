module.exports = {
  displayName: 'web-sdk',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/web/sdk',
};
