module.exports = {
  displayName: 'mobile-bff',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/mobile-bff',
};
