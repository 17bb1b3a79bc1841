// As AVM's identity module: a module for each credential, in a loop over a
// nullable parameter.
param name string
param federatedIdentityCredentials array?

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: 'westeurope'
}

@batchSize(1)
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
