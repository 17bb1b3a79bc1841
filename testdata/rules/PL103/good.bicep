// PL103 stays silent: exact values, no value, or values patless cannot know.
param provider string
param useAzure bool

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource azure 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'azure'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}

resource github 'Microsoft.KubernetesConfiguration/fluxConfigurations@2025-04-01' = {
  name: 'github'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
      provider: 'GitHub'
    }
  }
}

resource unknown 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'unknown'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://example.com/config.git'
      provider: provider
    }
  }
}

resource conditional 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'conditional'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://example.com/config.git'
      provider: useAzure ? 'azure' : 'Generic'
    }
  }
}
