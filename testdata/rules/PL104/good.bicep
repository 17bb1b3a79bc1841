// PL104 stays silent: the documented URL form, other providers, unknown URLs.
param repoUrl string

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

resource shortForm 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'short-form'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/_git/config'
      provider: 'Azure'
    }
  }
}

resource trailingSlash 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'trailing-slash'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config/'
      provider: 'Azure'
    }
  }
}

resource unknownUrl 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'unknown-url'
  scope: aks
  properties: {
    gitRepository: {
      url: repoUrl
      provider: 'Azure'
    }
  }
}

resource runtime 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'runtime'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/${uniqueString(resourceGroup().id)}/infra/_git/config'
      provider: 'Azure'
    }
  }
}

resource generic 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'generic'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
      provider: 'Generic'
    }
  }
}
