// PL102 through today's Bicep: spreads, typed variables, non-null assertions,
// nullable and resourceInput<> types, '//' in strings, extension statements.
extension microsoftGraphV1

param tags resourceInput<'Microsoft.Resources/resourceGroups@2024-03-01'>.tags?
param settings settingsType?
param free object

type settingsType = {
  url: string?
  interval: int?
}

var source = {
  // expect: PL102 error 8-57
  url: 'https://dev.azure.com/contoso/infra/_git/config'
  timeoutInSeconds: 600
}
var interval int = 300

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

// Fires: the spread object is known and has no provider.
resource spreadKnown 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'spread-known'
  scope: aks
  properties: {
    gitRepository: {
      ...source
      syncIntervalInSeconds: interval
    }
  }
}

// Silent: a spread of an unknown object after the URL may set the provider.
resource spreadUnknown 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'spread-unknown'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      ...free
    }
  }
}

// Silent: the provider written after the spread wins.
resource overridden 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'overridden'
  scope: aks
  tags: tags
  properties: {
    gitRepository: { ...source, provider: 'Azure' }
  }
}

// Silent: the URL comes from a nullable parameter without default.
resource fromSettings 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'from-settings'
  scope: aks
  properties: {
    gitRepository: {
      url: settings!.url!
      syncIntervalInSeconds: settings.?interval ?? interval
    }
  }
}
