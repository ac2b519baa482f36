module.exports = {
  displayName: 'demo-kit',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/demo/kit',
};
