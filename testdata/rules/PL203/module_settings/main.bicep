// Deploys flux.bicep with a misspelled key, and with 'false'.
module one 'flux.bicep' = {
  name: 'one'
  params: {
    clusterName: 'aks-module-settings1'
    settings: {
      'workloadIdentity.Enabled': 'true'
      'workloadIdentity.azureClientId': '00000000-0000-0000-0000-000000000000'
    }
    enable: 'false'
    clientId: identity.properties.clientId
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'flux'
}
