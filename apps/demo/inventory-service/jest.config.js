module.exports = {
  displayName: 'inventory-service',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/apps/demo/inventory-service',
};
