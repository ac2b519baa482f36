module.exports = {
  displayName: 'composition',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/composition',
};
