// PL202 fires: a version pin that auto-upgrade overrides, a release train that cannot apply.
resource defaultUpgrade 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux'
  properties: {
    extensionType: 'microsoft.flux'
    // expect: PL202 error 14-22
    version: '1.15.1'
  }
}

resource explicitUpgrade 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux2'
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    // expect: PL202 error 14-22
    version: '1.15.1'
  }
}

resource train 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux3'
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    // expect: PL202 warning 19-27
    releaseTrain: 'Stable'
    version: '1.15.1'
  }
}
