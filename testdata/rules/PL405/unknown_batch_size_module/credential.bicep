param identityName string
param name string
param issuer string
param subject string
param audiences array

resource credential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  name: '${identityName}/${name}'
  properties: {
    issuer: issuer
    subject: subject
    audiences: audiences
  }
}
