// PL401 fires: the extension's settings are merged with union() and a spread, as
// Azure merges them (a later key wins), and Flux's identity has no credential.
param location string = resourceGroup().location
param extraSettings object = {}

var fluxDefaults = {
  'workloadIdentity.enable': 'true'
  'multiTenancy.enforce': 'false'
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks1'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'flux-id'
  location: location
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: union(fluxDefaults, extraSettings, {
      ...fluxDefaults
      // expect: PL401 error 41-73
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    })
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
  dependsOn: [ flux ]
}
