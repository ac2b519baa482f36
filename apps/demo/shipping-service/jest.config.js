module.exports = {
  displayName: 'shipping-service',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/apps/demo/shipping-service',
};
