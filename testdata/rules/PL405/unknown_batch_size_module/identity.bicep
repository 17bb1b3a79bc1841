// A module for each credential, @batchSize(batch) with a batch size patless cannot
// know (a parameter without a default): it may be 1, so PL405 stays silent.
param name string
param federatedIdentityCredentials array?
param batch int

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: 'westeurope'
}

@batchSize(batch)
module credentials 'credential.bicep' = [
  for (credential, index) in (federatedIdentityCredentials ?? []): {
    name: 'credential-${index}'
    params: {
      identityName: identity.name
      name: credential.name
      issuer: credential.issuer
      subject: credential.subject
      audiences: credential.audiences
    }
  }
]

output clientId string = identity.properties.clientId
