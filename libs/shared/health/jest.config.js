module.exports = {
  displayName: 'health',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/health',
};
