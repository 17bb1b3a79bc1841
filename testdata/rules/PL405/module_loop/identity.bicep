// As AVM's identity module, but without @batchSize(1): a module for each credential,
// all deployed at once (fires, where @batchSize(1) goes).
param name string
param federatedIdentityCredentials array?

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: 'westeurope'
}


// expect: PL405 warning 1-38
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
