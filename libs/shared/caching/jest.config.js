module.exports = {
  displayName: 'caching',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/caching',
};
