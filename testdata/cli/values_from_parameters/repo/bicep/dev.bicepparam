// The development cluster: these values break the chain.
using 'main.bicep'
import { developmentOidc } from 'shared.bicep'

param enableOidc = developmentOidc
param fluxVersion = '1.14.1'
param autoUpgrade = true
param settings = {
  'workloadIdentity.enabled': 'true'
  'workloadIdentity.azureClientId': '00000000-0000-0000-0000-000000000000'
}
