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

// fluxConfigurations 2026-07-01-preview: the configuration's own object-level
// workload identity pulls the repository; no provider is written (the API's example).
resource objectLevel 'Microsoft.KubernetesConfiguration/fluxConfigurations@2026-07-01-preview' = {
  name: 'object-level'
  properties: {
    scope: 'cluster'
    namespace: 'flux-system'
    sourceKind: 'GitRepository'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/app-team/_git/cluster-config'
      objectLevelIdentity: {
        clientId: '9d2c439a-3b52-4a08-b64f-1d5f3e0d537e'
      }
    }
  }
}

// The same preview passes Flux GitRepository spec fields through additionalConfigurations.
resource passedThrough 'Microsoft.KubernetesConfiguration/fluxConfigurations@2026-07-01-preview' = {
  name: 'passed-through'
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/app-team/_git/cluster-config'
      additionalConfigurations: {
        provider: 'azure'
      }
    }
  }
}
