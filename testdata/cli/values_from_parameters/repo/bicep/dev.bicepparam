// The development cluster: these values break the chain.
using 'main.bicep'

param enableOidc = false
param fluxVersion = '1.14.1'
param autoUpgrade = true
param settings = {
  'workloadIdentity.enabled': 'true'
  'workloadIdentity.azureClientId': '00000000-0000-0000-0000-000000000000'
}
