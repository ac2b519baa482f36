module.exports = {
  displayName: 'service-clients',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/service-clients',
};
