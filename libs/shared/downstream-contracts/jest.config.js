module.exports = {
  displayName: 'downstream-contracts',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/downstream-contracts',
};
