resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-flux'
  scope: resourceGroup('rg-identities')
}

module credential 'credential.bicep' = {
  name: 'flux-credential'
  scope: resourceGroup('rg-identities')
  params: {
    identityName: identity.name
    issuer: 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/'
  }
}
