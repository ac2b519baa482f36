module.exports = {
  displayName: 'throttling',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/throttling',
};
