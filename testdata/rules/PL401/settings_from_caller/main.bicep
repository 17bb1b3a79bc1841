// Two clusters, each with Flux running as its own identity. The first identity
// has no federated credential (reported in flux.bicep, where the settings are
// written, with a note here); the second has Flux's (silent).
param oidcIssuer string
resource idNone 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-settings-from-caller1'
  location: 'westeurope'
}

resource idWired 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-settings-from-caller2'
  location: 'westeurope'
}

resource credential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: idWired
  name: 'flux'
  properties: {
    issuer: oidcIssuer
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: ['api://AzureADTokenExchange']
  }
}

module fluxNone 'flux.bicep' = {
  name: 'flux-none'
  params: {
    clusterName: 'aks-settings-from-caller1'
    settings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': idNone.properties.clientId
    }
  }
}

module fluxWired 'flux.bicep' = {
  name: 'flux-wired'
  params: {
    clusterName: 'aks-settings-from-caller2'
    settings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': idWired.properties.clientId
    }
  }
}
