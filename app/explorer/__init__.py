"""The explorer: the web frontend a newsroom opens at ``/``, built on the public ``/v1`` API.

Takes nothing from the other domains: the page is a static shell and a script
(``static/``, built from ``frontend/``) that reads the API like any other client.
The router serves that shell for the explorer's routes when the browser asks for HTML,
and a JSON index of links to the API when a client asks ``/`` for JSON.
"""
