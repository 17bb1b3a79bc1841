// PL201 stays silent: recent pins, unpinned versions, and what it cannot know.
param pinnedVersion string
param autoUpgrade bool

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource recent 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    version: '1.15.1'
  }
}

// 1.13.x without an Azure-provider configuration on the cluster is enough.
resource flux113 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux113'
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    version: '1.13.0'
  }
}

resource unknownVersion 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'unknown-version'
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    version: pinnedVersion
  }
}

// Whether this old version is honoured is unknown: auto-upgrade comes from a parameter.
resource unknownUpgrade 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'unknown-upgrade'
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: autoUpgrade
    version: '1.8.0'
  }
}

// Not the Flux extension.
resource other 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'dapr'
  properties: {
    extensionType: 'microsoft.dapr'
    autoUpgradeMinorVersion: false
    version: '1.0.0'
  }
}
