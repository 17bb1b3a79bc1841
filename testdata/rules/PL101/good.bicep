// PL101 stays silent: API versions that know gitRepository.provider.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource ga 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'ga'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}

resource newer 'Microsoft.KubernetesConfiguration/fluxConfigurations@2025-04-01' = {
  name: 'newer'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
      provider: 'GitHub'
    }
  }
}

resource preview 'Microsoft.KubernetesConfiguration/fluxConfigurations@2026-07-01-preview' = {
  name: 'preview'
  scope: aks
  properties: {}
}
