module.exports = {
  displayName: 'review-service',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/apps/demo/review-service',
};
