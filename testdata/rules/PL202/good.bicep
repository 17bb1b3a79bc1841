// PL202 stays silent: pins with auto-upgrade off, trains with auto-upgrade on, unknowns.
param autoUpgrade bool

resource pinned 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux'
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    version: '1.15.1'
  }
}

resource following 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux2'
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    releaseTrain: 'Stable'
  }
}

resource unknown 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux3'
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: autoUpgrade
    version: '1.15.1'
  }
}
