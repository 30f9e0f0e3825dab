"""gunicorn's settings, read from the working directory by every gunicorn that serves the portal (the
Docker image, docker-compose, `make bench`, the tests): its access and error logs hold no query
strings, IINs or phone numbers (``otbasy.logfilters.GunicornLogger``)."""

logger_class = "otbasy.logfilters.GunicornLogger"
