param clusterName string
param clientId string

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: clusterName
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': clientId
    }
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  dependsOn: [flux]
  properties: {
    scope: 'cluster'
    namespace: 'flux-system'
    sourceKind: 'GitRepository'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
      repositoryRef: { branch: 'main' }
    }
    kustomizations: { infra: { path: './infra' } }
  }
}
