// PL102 through Bicep's safe dereference (`a.?b`: null where `a` has no `b`) and
// null: a provider set to null is sent as not set, and Flux uses Generic.
param settings object = {}
param repositories array = [
  { url: 'https://dev.azure.com/contoso/infra/_git/config', provider: 'Generic' }
]
param unset object
param name string
var keyed = {
  '${name}': 'Azure'
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

// Fires: settings has no provider, so the provider is null.
resource nullProvider 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'null-provider'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL102 error 12-61
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: settings.?provider
    }
  }
}

// Fires: the default after `??` applies.
resource coalesced 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'coalesced'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      // expect: PL102 error 17-53
      provider: settings.?git.?provider ?? 'Generic'
    }
  }
}

// Fires: `[?1]` past the end of the array is null, so the default applies.
resource safeIndex 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'safe-index'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      // expect: PL102 error 17-56
      provider: repositories[?1].?provider ?? 'Generic'
    }
  }
}

// Fires: null written out.
resource literalNull 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'literal-null'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL102 error 12-61
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: null
    }
  }
}

// Silent: a parameter without default may have a provider.
resource unknownObject 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'unknown-object'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: unset.?provider ?? 'Generic'
    }
  }
}

// Silent: a key patless cannot name may be 'provider'.
resource unnamedKey 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'unnamed-key'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: keyed.?provider ?? 'Generic'
    }
  }
}

// Silent: `.` (not `.?`) on null fails the deployment; nothing to say about the provider.
resource unsafeAccess 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'unsafe-access'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: settings.?git.provider
    }
  }
}
