// The cluster's resource group is a parameter without default here and named in
// the module's scope: maybe the same cluster, so its issuer is not reported.
param clusterResourceGroup string

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
  scope: resourceGroup(clusterResourceGroup)
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
