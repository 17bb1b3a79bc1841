param clusterName string

@description('Optional. The flux extension; none when null.')
param fluxExtension extensionType

resource cluster 'Microsoft.ContainerService/managedClusters@2024-10-01' existing = {
  name: clusterName
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2022-03-01' = if (!empty(fluxExtension)) {
  name: 'config'
  scope: cluster
  properties: {
    sourceKind: 'GitRepository'
    gitRepository: fluxExtension.?gitRepository
  }
}

// Declared after its use, as AVM modules do.
type extensionType = {
  gitRepository: object?
}?
