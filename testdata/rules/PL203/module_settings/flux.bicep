// The settings come from the caller (main.bicep): a finding on them is
// reported here, where this module writes them, not at the caller's lines.
param clusterName string
param settings object
param enable string = 'true'
param clientId string

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: clusterName
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    // expect: PL203 error 5-26
    configurationSettings: settings
  }
}

resource aks2 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: '${clusterName}-2'
}

resource flux2 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks2
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      // expect: PL203 error 34-40
      'workloadIdentity.enable': enable
      'workloadIdentity.azureClientId': clientId
    }
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  dependsOn: [flux]
  properties: {
    sourceKind: 'GitRepository'
    gitRepository: { url: 'https://dev.azure.com/contoso/infra/_git/config', provider: 'Azure' }
  }
}

resource config2 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks2
  dependsOn: [flux2]
  properties: {
    sourceKind: 'GitRepository'
    gitRepository: { url: 'https://dev.azure.com/contoso/infra/_git/config', provider: 'Azure' }
  }
}
