module.exports = {
  displayName: 'problem',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/problem',
};
