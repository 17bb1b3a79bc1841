// PL201 fires: pinned microsoft.flux versions too old for workload identity.
param fluxClientId string
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource oldFlux 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    // expect: PL201 error 14-22
    version: '1.12.3'
  }
}

resource aks2 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks2'
}

// 1.13.x is enough for Flux 2.4, but Azure DevOps workload identity is documented from 1.14.1.
resource flux113 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux'
  scope: aks2
  properties: {
    extensionType: 'Microsoft.Flux'
    autoUpgradeMinorVersion: false
    // expect: PL201 warning 14-22
    version: '1.13.4'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxClientId
    }
  }
}

resource azureConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks2
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}
