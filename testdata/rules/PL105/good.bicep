// PL105 stays silent: credentials switched off, unknown, or without provider 'Azure'.
param user string
@secure()
param pat string

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
      httpsUser: null
      sshKnownHosts: ''
    }
    configurationProtectedSettings: {}
  }
}

resource unknown 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'unknown'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
      httpsUser: user
    }
    configurationProtectedSettings: {
      httpsKey: empty(pat) ? null : base64(pat)
    }
  }
}

resource generic 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'generic'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
      httpsUser: 'flux'
    }
    configurationProtectedSettings: {
      httpsKey: base64(pat)
    }
  }
}
