# A program run directly has __name__ == "__main__".
def main():
    print("running as", __name__)


if __name__ == "__main__":
    main()
