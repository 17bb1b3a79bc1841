// PL402 stays silent: dev and prod each deploy an identity 'id-flux' (in their own resource
// groups); dev's credential is for another controller. flux/flux.bicep runs Flux as an
// existing 'id-flux': which of the two, the code does not say.
param issuer string
param subject string

resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux'
  location: 'westeurope'
}

resource cred 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: id
  name: 'flux'
  properties: {
    issuer: issuer
    subject: subject
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
