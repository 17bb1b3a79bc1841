// The cluster is read as existing from its resource group twice: by the template
// that makes Flux's credential, for its issuer, and by the module scoped to that
// group that installs Flux. One cluster: the issuer is the right one.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
  scope: resourceGroup('rg-aks')
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux'
  location: 'westeurope'
}

resource credential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: fluxIdentity
  name: 'flux'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: ['api://AzureADTokenExchange']
  }
}

module flux 'flux.bicep' = {
  name: 'flux'
  scope: resourceGroup('rg-aks')
  params: {
    clusterName: 'aks1'
    clientId: fluxIdentity.properties.clientId
  }
}
