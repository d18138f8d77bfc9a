"""`ams demo`: AMS with a simulated fleet that uses the real SDK and the real gateway against the mock provider.

fleet.py      the demo's teams, agents, versions and behaviours (pure data)
setup.py      creating them in AMS through its HTTP API, as an administrator would
behaviours.py what each simulated agent does, task after task, through `ams_sdk`
runner.py     the supervisor: mock provider and AMS as child processes, the fleet's threads, a demo operator
"""
