// The federated credential comes from a registry module Bicep has not restored
// here (patless cannot read it): it may be the one Flux needs, so PL401 stays silent.
resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-unread-module'
  location: 'westeurope'
}

module credential 'br:contoso.azurecr.io/bicep/identity/flux-credential:2.1.0' = {
  name: 'flux-credential'
  params: {
    identityName: fluxIdentity.name
    issuer: aks.properties.oidcIssuerProfile.issuerURL
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-unread-module'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    }
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  scope: aks
  name: 'cluster-config'
  dependsOn: [ flux ]
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}
