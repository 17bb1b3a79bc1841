// Two clusters of one name in two resource groups: the credential trusts the issuer
// of the one Flux does not run on.
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
    // expect: PL403 error 13-55
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: ['api://AzureADTokenExchange']
  }
}

module flux 'flux.bicep' = {
  name: 'flux'
  scope: resourceGroup('rg-aks-blue')
  params: {
    clusterName: 'aks1'
    clientId: fluxIdentity.properties.clientId
  }
}
