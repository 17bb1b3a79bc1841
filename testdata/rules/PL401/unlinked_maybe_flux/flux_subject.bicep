param identityName string

resource aks 'Microsoft.ContainerService/managedClusters@2024-10-01' existing = {
  name: 'aks1'
}

resource fluxSubject 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  name: '${identityName}/flux'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: ['api://AzureADTokenExchange']
  }
}
