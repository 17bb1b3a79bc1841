// PL102 stays silent: provider 'Azure', other hosts, and values it cannot know.
param unknownUrl string
param unknownProvider string

resource azure 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'azure'
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}

resource github 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'github'
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
    }
  }
}

resource unknownRepository 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'unknown-url'
  properties: {
    gitRepository: {
      url: unknownUrl
    }
  }
}

resource unknownProviderValue 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'unknown-provider'
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: unknownProvider
    }
  }
}

resource runtimeUrl 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'runtime'
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/${uniqueString(resourceGroup().id)}/infra/_git/config'
    }
  }
}

// A miscased provider is PL103's alone.
resource miscased 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'miscased'
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      // expect: PL103 warning 17-24
      provider: 'azure'
    }
  }
}
