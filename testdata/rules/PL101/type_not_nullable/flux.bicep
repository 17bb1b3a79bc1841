param clusterName string

param fluxExtension extensionType

resource cluster 'Microsoft.ContainerService/managedClusters@2024-10-01' existing = {
  name: clusterName
}

// expect: PL101 error 71-81
resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2022-03-01' = if (!empty(fluxExtension)) {
  name: 'config'
  scope: cluster
  properties: {
    sourceKind: 'GitRepository'
    gitRepository: fluxExtension.?gitRepository
  }
}

type extensionType = {
  gitRepository: object?
}
