param name string
param federatedIdentityCredentials array?

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: 'westeurope'
}

@batchSize(1)
resource credentials 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [
  for (credential, index) in (federatedIdentityCredentials ?? []): {
    name: credential.name
    parent: identity
    properties: {
      audiences: credential.audiences
      issuer: credential.issuer
      // expect: PL402 error 16-34
      subject: credential.subject
    }
  }
]

output clientId string = identity.properties.clientId
