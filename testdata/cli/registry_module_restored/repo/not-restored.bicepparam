// Never restored: what it deploys stays unknown, and the note counts it.
using 'br/public:avm/res/kubernetes-configuration/flux-configuration:0.4.0'

param name = 'not-restored'
